-- Who has which integration, and nothing else: a search with an integration
-- filter reads the search's matches newest first and probes this for each
-- (a page of "globex" among BambooHR's users at a million users probes
-- about 7,000). The primary key answers the same, but its rows hold the
-- whole connection: BenchmarkList's globex_bamboohr at 1M users took 8.3-8.9
-- ms a page (p95 10.7-12.0) probing the primary key, 4.0-4.3 ms (p95 5.7-5.9)
-- here. An import keeps one more index: 6% fewer rows a second.
CREATE INDEX connections_user ON connections (user_id, integration_id);
