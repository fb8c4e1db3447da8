// The one parallel primitive of the engine: a fixed pool of threads that runs
// `parallel_for` over independent tasks. Solver code never touches a thread.
//
// Determinism: tasks are handed out dynamically (an atomic counter), so which
// thread runs a task varies, but every task must write only its own outputs.
// Results then do not depend on the thread count.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace als {

class ThreadPool {
 public:
  // threads <= 0 means "one per hardware thread".
  explicit ThreadPool(int threads = 1);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int size() const { return static_cast<int>(workers_.size()) + 1; }

  // Runs task(t) for every t in [0, tasks), on the pool and the calling thread.
  // The first exception thrown by a task is rethrown here after all tasks end.
  void parallel_for(int64_t tasks, const std::function<void(int64_t task)>& task);

  static int hardware_threads();

  // A pool for a job that asks for `threads` (<= 0: all hardware threads).
  // Natively a new pool of that size. In WebAssembly, threads come from a
  // fixed set of preloaded web workers that cannot grow while the worker is
  // busy, so once use_one_shared_pool(n) was called every job shares one pool
  // of n threads.
  static std::shared_ptr<ThreadPool> for_job(int threads);
  static void use_one_shared_pool(int threads);
  // Threads of the shared pool, 0 when there is none.
  static int shared_pool_threads();

 private:
  struct Job {
    const std::function<void(int64_t)>* task = nullptr;
    int64_t tasks = 0;
    std::atomic<int64_t> next{0};
    std::atomic<int64_t> done{0};
    std::exception_ptr error;
    std::mutex error_mutex;
  };
  void worker_loop();
  static void run_tasks(Job& job);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable finished_;
  Job* job_ = nullptr;
  uint64_t generation_ = 0;
  int busy_workers_ = 0;
  bool stopping_ = false;
};

}  // namespace als
