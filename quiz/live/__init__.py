"""The live class game over the network: the host's server, the students' network client and
the web page (see docs/protocol.md). The game's rules live in `quiz.engine.live`."""
