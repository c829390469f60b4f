"""Reads HTML reports as a browser's tokenizer would (Python's html.parser) and checks that they
are one well-formed, self-contained page: a doctype, every element closed in order, ids unique,
every in-page link landing on an id, and nothing that runs or fetches (no script, no element
or attribute that loads a URL, no url() or @import in the style sheet, no event handler).

Usage: check_html.py FILE... ; prints "ok" and exits 0, or names the file and what is wrong.
"""
import sys
from html.parser import HTMLParser

# Elements HTML closes by themselves: they have no end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# Elements that run code or load something from elsewhere.
FORBIDDEN = {"script", "img", "link", "iframe", "object", "embed", "audio", "video", "source",
             "base", "frame", "form"}
LOADING_ATTRIBUTES = {"src", "srcset", "data", "action", "poster", "background", "formaction"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []
        self.problems = []
        self.ids = set()
        self.links = []
        self.doctype = False
        self.style = ""
        self.in_style = False
        self.text = []

    def problem(self, what):
        self.problems.append(f"line {self.getpos()[0]}: {what}")

    def handle_decl(self, decl):
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN:
            self.problem(f"<{tag}> runs or fetches")
        for name, value in attrs:
            if name in LOADING_ATTRIBUTES or name.startswith("on"):
                self.problem(f"<{tag} {name}=...> runs or fetches")
            if name == "href" and (value or "").startswith("#"):
                self.links.append(value[1:])
            elif name == "href":
                self.problem(f"<{tag} href={value!r}> leaves the page")
            if name == "id":
                if value in self.ids:
                    self.problem(f"id {value!r} twice")
                self.ids.add(value)
        if tag not in VOID:
            self.open.append(tag)
        self.in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problem(f"</{tag}> closes a void element")
        elif not self.open or self.open[-1] != tag:
            self.problem(f"</{tag}> closes <{self.open[-1] if self.open else 'nothing'}>")
        else:
            self.open.pop()
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.style += data
        else:
            self.text.append(data)


def check(path):
    with open(path, encoding="utf-8") as f:  # also: the file is valid UTF-8
        page = f.read()
    checker = Checker()
    checker.feed(page)
    checker.close()
    problems = checker.problems
    if not checker.doctype:
        problems.append("no <!DOCTYPE html>")
    if checker.open:
        problems.append(f"never closed: {checker.open}")
    lowered = checker.style.lower()
    for fetch in ("url(", "@import", "http:", "https:"):
        if fetch in lowered:
            problems.append(f"the style sheet holds {fetch}")
    if "@media print" not in lowered:
        problems.append("no print rules")
    for target in checker.links:
        if target not in checker.ids:
            problems.append(f"link to #{target}, which no element has")
    if "\x1b" in page:
        problems.append("an escape character (ESC) reached the page")
    if not "".join(checker.text).strip():
        problems.append("no text")
    return problems


def main(paths):
    failed = False
    for path in paths:
        for problem in check(path):
            print(f"{path}: {problem}")
            failed = True
    if failed:
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]) if len(sys.argv) > 1 else 2)
