"""Scripts that make files the repository commits (the docs' pictures)."""
