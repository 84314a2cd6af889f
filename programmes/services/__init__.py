"""Every change to programme data: one function per business action, each in a transaction
that writes its event (see STYLE.md). Split by sub-domain."""
