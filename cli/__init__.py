"""apmon's command line: one module per command group, each command parsing options and calling the library."""
