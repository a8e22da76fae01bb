"""The web app (`juesuan serve`): a thin layer over the library, imported only when serving.

- `app`: `create_app(settings)`, the FastAPI app; `settings`: its limits and options.
- `routes/`: one module per concept: `home`, `review` (upload → findings on the tables),
  `build` (input package → PDF, Word, Excel, HTML), `corpus` (browse and compare), `api` (JSON).
- `jobs`: the CPU-bound work, in worker threads under one lock; `uploads`, `limits`: taking
  uploads safely (size while streaming, PDF pages, content sniffed); `results`: results kept
  under random tokens in a temporary folder, removed after a while; `errors`: one Chinese line.
- `templates/`, `static/`: the pages (Jinja2) and their CSS and a little JavaScript.
- `local`: the app on a free loopback port in a thread, for tests and benchmarks.
"""
