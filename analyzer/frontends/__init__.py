"""Front ends: what people and programs call (the command line, corpus runs, the language
server, the HTTP service, the pytest plugin). They go through ``analyzer.session`` and catch
``AnalyzerError`` once; nothing below imports them."""
