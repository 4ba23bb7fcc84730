"""A user query the embedded engine cannot stop by itself (issue 11), shared by the tests of the query
processes and of the server.

One row, one value grown and then scanned again and again inside it: the engine checks its time limit
only between chunks of rows, so the query's process is killed at the limit instead. The value stays
small (32 MB) so that the process's memory cap (``graph.stores.ladybug_worker.QUERY_MEMORY``) is never
what stops it: a value grown to 256 MB hit the cap 1.55 s in on a quiet machine, racing the kill of a
1 s limit at 1.5 s. Unstopped, this query runs about 11 s on a quiet machine (24 doublings, then 100
scans of 32 MB), so none finishes inside the limit.
"""
RUNAWAY = "WITH 'ab' AS s " + "WITH s + s AS s " * 24 + "WITH s WHERE NOT s CONTAINS 'zz' " * 100 + "RETURN size(s)"
