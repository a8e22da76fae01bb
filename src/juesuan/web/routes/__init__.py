"""The app's routes, one module per concept: home, review, build, corpus, and the JSON API."""
