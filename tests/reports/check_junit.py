"""Parses the sample JUnit reports as XML (as Jenkins and GitLab would) and checks their counts.

Usage: check_junit.py DIR, where DIR holds what write_sample_reports wrote.
"""
import sys
import xml.dom.minidom


def totals(path):
    doc = xml.dom.minidom.parse(path)
    root = doc.documentElement
    assert root.tagName == "testsuites", root.tagName
    suites = root.getElementsByTagName("testsuite")
    cases = root.getElementsByTagName("testcase")
    for name in ("tests", "failures", "errors", "skipped"):
        assert int(root.getAttribute(name)) == sum(int(s.getAttribute(name)) for s in suites), name
    assert int(root.getAttribute("tests")) == len(cases)
    assert int(root.getAttribute("failures")) == len(root.getElementsByTagName("failure"))
    assert int(root.getAttribute("errors")) == len(root.getElementsByTagName("error"))
    assert int(root.getAttribute("skipped")) == len(root.getElementsByTagName("skipped"))
    return root, [s.getAttribute("name") for s in suites], cases


def main(directory):
    root, names, cases = totals(directory + "/sample-junit.xml")
    assert names == ["R-VALID-READ", "R-GAP", "R-FUNCTION", "R-MBAP", "R-UNIT", "R-BITS",
                     "R-READBACK", "writes"], names
    assert (root.getAttribute("tests"), root.getAttribute("failures"),
            root.getAttribute("skipped")) == ("10", "5", "1")
    bits = [c for c in cases if c.getAttribute("classname") == "mbharness.conext-bms.R-BITS"][0]
    out = bits.getElementsByTagName("system-out")[0].firstChild.data
    assert "<&\"'>" in out and "\\x1B" in out and "\\xFF" in out, out

    root, names, _ = totals(directory + "/sample-junit-stopped.xml")
    assert names[-1] == "run", names
    assert (root.getAttribute("failures"), root.getAttribute("errors")) == ("6", "1")
    error = root.getElementsByTagName("error")[0]
    assert error.getAttribute("message") == "connection reset by peer <after 120 requests>"
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1])
