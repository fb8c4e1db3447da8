// Stopping a long synchronous call from outside. In the browser the engine's
// worker is blocked inside one WebAssembly call (preparing a data set, setting
// up a training) and reads no message until it returns; in the threads build
// the page's main thread then writes the id of the job it cancels into the
// engine's shared memory, and checkpoints between the steps of long work
// throw OperationCancelled when that id is the job running now. (Natively
// nothing writes the slots: the checkpoints cost one relaxed load.)
#pragma once

#include <atomic>
#include <cstdint>
#include <stdexcept>

namespace als {

class OperationCancelled : public std::runtime_error {
 public:
  OperationCancelled() : std::runtime_error("cancelled") {}
};

struct CancelSlots {
  std::atomic<int32_t> requested{0};  // the job someone asked to stop (written from outside)
  std::atomic<int32_t> running{0};    // the job the engine works for now, 0: none
};
static_assert(sizeof(CancelSlots) == 8, "two int32 slots the page writes with Atomics.store");

CancelSlots& cancel_slots();

inline bool cancel_requested() {
  const CancelSlots& s = cancel_slots();
  const int32_t running = s.running.load(std::memory_order_relaxed);
  return running != 0 && s.requested.load(std::memory_order_relaxed) == running;
}

inline void throw_if_cancelled() {
  if (cancel_requested()) throw OperationCancelled();
}

}  // namespace als
