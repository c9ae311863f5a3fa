from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's commands (generate_catalog, bench_pages): installed by bench.settings only."""

    name = "bench"
    verbose_name = "Benchmarks"
