#include "core/parallel.h"

#include <algorithm>

namespace als {

int ThreadPool::hardware_threads() {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  return 1;  // the single-threaded WebAssembly build has no threads to start
#endif
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

ThreadPool::ThreadPool(int threads) {
  if (threads <= 0) threads = hardware_threads();
  workers_.reserve(threads - 1);
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { worker_loop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& w : workers_) w.join();
}

void ThreadPool::run_tasks(Job& job) {
  for (;;) {
    int64_t t = job.next.fetch_add(1, std::memory_order_relaxed);
    if (t >= job.tasks) return;
    try {
      (*job.task)(t);
    } catch (...) {
      std::lock_guard<std::mutex> lock(job.error_mutex);
      if (!job.error) job.error = std::current_exception();
      job.next.store(job.tasks, std::memory_order_relaxed);  // stop handing out work
    }
  }
}

void ThreadPool::worker_loop() {
  uint64_t seen = 0;
  for (;;) {
    Job* job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
      job = job_;
      if (job == nullptr) continue;  // that job already ended without us
      ++busy_workers_;
    }
    run_tasks(*job);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --busy_workers_;
    }
    finished_.notify_all();
  }
}

void ThreadPool::parallel_for(int64_t tasks, const std::function<void(int64_t)>& task) {
  if (tasks <= 0) return;
  Job job;
  job.task = &task;
  job.tasks = tasks;
  if (workers_.empty() || tasks == 1) {
    run_tasks(job);
  } else {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = &job;
      ++generation_;
    }
    wake_.notify_all();
    run_tasks(job);
    // Wait until no worker still holds a pointer to this job.
    std::unique_lock<std::mutex> lock(mutex_);
    finished_.wait(lock, [&] { return busy_workers_ == 0; });
    job_ = nullptr;
  }
  if (job.error) std::rethrow_exception(job.error);
}

namespace {
std::mutex shared_mutex;
std::shared_ptr<ThreadPool> shared_pool;
}  // namespace

std::shared_ptr<ThreadPool> ThreadPool::for_job(int threads) {
  {
    std::lock_guard<std::mutex> lock(shared_mutex);
    if (shared_pool) return shared_pool;
  }
  return std::make_shared<ThreadPool>(threads);
}

int ThreadPool::shared_pool_threads() {
  std::lock_guard<std::mutex> lock(shared_mutex);
  return shared_pool ? shared_pool->size() : 0;
}

void ThreadPool::use_one_shared_pool(int threads) {
  std::lock_guard<std::mutex> lock(shared_mutex);
  if (!shared_pool || shared_pool->size() != std::max(threads, 1)) shared_pool = std::make_shared<ThreadPool>(threads);
}

}  // namespace als
