"""The appropriate body's pages (`appropriate_body`, `claim`, `periods`, `release_requests`,
`received`, `bulk`) and the school's review and assessment pages (`school`)."""

from induction.views.appropriate_body import AppropriateBodyHomeView

__all__ = ["AppropriateBodyHomeView"]
