"""Factories for the platform's own rows. Apps keep theirs in tests/<app>/factories.py."""

import factory

from apps.billing.models import Plan
from apps.workspaces.models import Member, Role, User, Workspace


class TenantFactory(factory.django.DjangoModelFactory):
    """Creates through `all_workspaces`: factories build fixtures for several workspaces at once."""

    class Meta:
        abstract = True

    @classmethod
    def _get_manager(cls, model_class):
        return model_class.all_workspaces


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    username = factory.SelfAttribute("email")


class WorkspaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workspace

    name = factory.Sequence(lambda n: f"Workspace {n}")
    plan = factory.LazyFunction(lambda: Plan.objects.get(id="team"))


class MemberFactory(TenantFactory):
    class Meta:
        model = Member

    workspace = factory.SubFactory(WorkspaceFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.AGENT
