"""Reader submissions and the review queue arrive with issue 3."""
