"""The induction tutor's pages: dashboard, set up the year, ECTs and mentors."""
