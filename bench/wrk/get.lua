-- GET of the URL given to wrk (the bare /health endpoint).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
