#pragma once
// Memory for one connection's outstanding Asio operation of one kind (its read, its write),
// handed to Asio through an allocator bound to the handler. Asio's own per-thread cache keeps
// only two blocks of any size: with many connections, reads and writes of different sizes
// completing in one batch missed it and cost about two heap allocations per request.
// Shared ownership: an operation destroyed without running (the io_context going away) frees
// its memory after its handler, which may hold the last reference to the connection.
#include <cstddef>
#include <memory>
#include <new>

namespace mbh::transport {

class OperationMemory {
 public:
  void* allocate(std::size_t size) {
    if (!in_use_ && size <= sizeof(storage_)) {
      in_use_ = true;
      return storage_;
    }
    return ::operator new(size);  // larger than any operation the transport starts
  }
  void deallocate(void* pointer) {
    if (pointer == storage_) {
      in_use_ = false;
      return;
    }
    ::operator delete(pointer);
  }

 private:
  alignas(std::max_align_t) std::byte storage_[512];
  bool in_use_ = false;
};

template <class T>
class OperationAllocator {
 public:
  using value_type = T;

  explicit OperationAllocator(std::shared_ptr<OperationMemory> memory) noexcept
      : memory_(std::move(memory)) {}
  template <class U>
  OperationAllocator(const OperationAllocator<U>& other) noexcept  // NOLINT: rebinding
      : memory_(other.memory_) {}

  T* allocate(std::size_t count) {
    static_assert(alignof(T) <= alignof(std::max_align_t));
    return static_cast<T*>(memory_->allocate(sizeof(T) * count));
  }
  void deallocate(T* pointer, std::size_t /*count*/) noexcept { memory_->deallocate(pointer); }

  template <class U>
  bool operator==(const OperationAllocator<U>& other) const noexcept {
    return memory_ == other.memory_;
  }

 private:
  template <class>
  friend class OperationAllocator;
  std::shared_ptr<OperationMemory> memory_;
};

}  // namespace mbh::transport
