"""The live class game's terminal apps: the teacher's `HostApp` and the student's `JoinApp`."""
