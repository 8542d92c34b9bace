"""Developer commands (translations, screenshots, frozen smoke test); left out of the build."""
