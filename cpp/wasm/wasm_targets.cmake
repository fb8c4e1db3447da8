# WebAssembly builds of the engine (emcmake cmake ...). Two variants from the
# same sources: threads + SIMD for cross-origin-isolated pages, and SIMD on a
# single thread for the rest. Output: <build>/als_engine_{threads,simd}.{js,wasm}
# (+ .worker.js for threads), copied into public/engine by the npm scripts.
#
# Emscripten 3.1.6: Eigen does not vectorise for wasm, the hot kernels use
# <wasm_simd128.h> directly (cpp/als/factor_kernels.h).

# C++ exceptions: the engine reports bad input by throwing, and the bindings
# catch and turn it into {error}. Emscripten 3.1.6's native wasm exceptions
# (-fwasm-exceptions) are not caught in the pthreads build (they escape as a
# WebAssembly.Exception), so both variants use Emscripten's JS-based ones.
set(ALS_WASM_COMPILE -msimd128 -fexceptions)
set(ALS_WASM_LINK
  --bind -fexceptions
  -sMODULARIZE=1 -sEXPORT_NAME=createAlsEngine
  -sENVIRONMENT=web,worker,node
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=67108864 -sMAXIMUM_MEMORY=4GB
  -sTOTAL_STACK=4194304
  -sFILESYSTEM=0)

# The single-threaded variant needs its own engine library without -pthread.
function(als_wasm_variant name threads)
  set(lib als_engine_${name})
  add_library(${lib} STATIC ${ALS_ENGINE_SOURCES})
  target_include_directories(${lib} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(${lib} PUBLIC Eigen3::Eigen)
  target_compile_definitions(${lib} PUBLIC EIGEN_NO_DEBUG EIGEN_DONT_PARALLELIZE)
  target_compile_options(${lib} PRIVATE ${ALS_WASM_COMPILE})
  add_executable(als_engine_${name}_js ${CMAKE_CURRENT_SOURCE_DIR}/wasm/bindings.cpp)
  set_target_properties(als_engine_${name}_js PROPERTIES OUTPUT_NAME als_engine_${name} SUFFIX ".js"
                        RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
  target_link_libraries(als_engine_${name}_js PRIVATE ${lib})
  target_compile_options(als_engine_${name}_js PRIVATE ${ALS_WASM_COMPILE})
  target_link_options(als_engine_${name}_js PRIVATE ${ALS_WASM_LINK})
  if(threads)
    target_compile_options(${lib} PRIVATE -pthread)
    target_compile_options(als_engine_${name}_js PRIVATE -pthread)
    # The pool size comes from the page (Module.pthreadPoolSize), decided by the
    # loader from navigator.hardwareConcurrency.
    target_link_options(als_engine_${name}_js PRIVATE -pthread "-sPTHREAD_POOL_SIZE=Module.pthreadPoolSize||1")
  endif()
endfunction()

als_wasm_variant(threads ON)
als_wasm_variant(simd OFF)
