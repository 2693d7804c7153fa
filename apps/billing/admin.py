"""Support staff: plans (the price list), subscriptions (the plan, through the service) and usage history.

A plan edit changes price and limits for every customer on it, so each of those workspaces gets an
audit entry naming the changed fields. A subscription's status, cycle and period are the billing
system's (no service moves them by hand): read-only here. Usage is counted by the system only.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin

from apps.workspaces.models import ApiToken, Workspace
from leadiosa.admin import ServiceAdminMixin, WorkspaceScopedAdmin, staff_acting
from leadiosa.api.auth import forget_token
from leadiosa.events import emit

from .models import ModelUsage, Plan, Subscription, UsagePeriod
from .services import subscription_change_plan


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = (
            "id",
            "name",
            "monthly_price_cents",
            "ai_tokens_included",
            "rate_limit_per_minute",
            "seats",
            "is_default",
        )

    def clean_is_default(self):
        is_default = self.cleaned_data.get("is_default")
        others = Plan.objects.filter(is_default=True).exclude(pk=self.instance.pk)
        if is_default and self.instance.pk and others.exists():
            raise forms.ValidationError(
                f"{others.first().pk} is the default plan: untick it there first (one default at a time)."
            )
        if is_default and not self.instance.pk and others.exists():
            raise forms.ValidationError("Another plan is the default: untick it there first.")
        return is_default


@admin.register(Plan)
class PlanAdmin(ServiceAdminMixin, admin.ModelAdmin):
    form = PlanForm
    list_display = (
        "id",
        "name",
        "monthly_price_cents",
        "ai_tokens_included",
        "rate_limit_per_minute",
        "seats",
        "is_default",
    )

    def get_readonly_fields(self, request, obj=None):
        return ("id",) if obj else ()

    def has_delete_permission(self, request, obj=None):
        return False  # workspaces refer to plans; retire a plan by moving its workspaces

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or not form.changed_data:
            return
        for workspace_id in Workspace.objects.filter(plan=obj).values_list("id", flat=True).iterator():
            with staff_acting(request, workspace_id):
                emit(
                    "plan.updated",
                    workspace_id=workspace_id,
                    resource_type="plan",
                    resource_id=obj.pk,
                    changes=form.changed_data,
                )
        if "rate_limit_per_minute" in form.changed_data:
            # Tokens carry the plan's rate limit in the cache: drop those of every workspace on it.
            for token_hash in ApiToken.all_workspaces.filter(workspace__plan=obj).values_list(
                "token_hash", flat=True
            ):
                forget_token(token_hash)


class SubscriptionForm(forms.ModelForm):
    plan = forms.ModelChoiceField(queryset=Plan.objects.all(), required=True)

    class Meta:
        model = Subscription
        fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["plan"].initial = self.instance.workspace.plan_id


@admin.register(Subscription)
class SubscriptionAdmin(WorkspaceScopedAdmin):
    form = SubscriptionForm
    writable = True
    list_display = (
        "workspace_column",
        "status",
        "billing_cycle",
        "current_period_start",
        "current_period_end",
    )
    list_display_links = ("status",)
    list_filter = ("status", "billing_cycle")
    search_fields = ("=workspace__id", "workspace__name")
    fields = (
        "workspace",
        "plan",
        "status",
        "billing_cycle",
        "anchor_at",
        "current_period_start",
        "current_period_end",
    )
    readonly_fields = ("status", "billing_cycle", "anchor_at", "current_period_start", "current_period_end")

    def save_model(self, request, obj, form, change):
        plan = form.cleaned_data.get("plan")
        if plan is not None and "plan" in form.changed_data:
            with staff_acting(request, obj.workspace_id):
                subscription_change_plan(workspace_id=obj.workspace_id, plan_id=plan.id)


class ModelUsageInline(admin.TabularInline):
    """Shown on a usage period's page, which runs in the period's workspace."""

    model = ModelUsage
    extra = 0
    can_delete = False
    fields = ("model", "prompt_tokens", "completion_tokens", "calls")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(UsagePeriod)
class UsagePeriodAdmin(WorkspaceScopedAdmin):
    list_display = (
        "workspace_column",
        "period_start",
        "period_end",
        "plan",
        "ai_tokens_used",
        "ai_tokens_included",
    )
    list_display_links = ("period_start",)
    list_filter = ("plan",)
    list_select_related = ("plan",)
    search_fields = ("=workspace__id", "workspace__name")
    inlines = [ModelUsageInline]
