"""allauth's forms with GOV.UK error messages."""

from allauth.account.forms import RequestLoginCodeForm as AllauthRequestLoginCodeForm


class RequestLoginCodeForm(AllauthRequestLoginCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages.update(
            {
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, like name@example.com",
            }
        )
