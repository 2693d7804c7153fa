"""Support staff: plans (the price list), subscriptions (status, cycle, plan change) and usage history."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from apps.workspaces.models import ApiToken
from leadiosa.admin import WorkspaceScopedAdmin, _actor, _client_ip
from leadiosa.api.auth import forget_token
from leadiosa.context import acting_as

from .models import ModelUsage, Plan, Subscription, UsagePeriod
from .services import subscription_change_plan


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
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
        if change and "rate_limit_per_minute" in form.changed_data:
            # Tokens carry the plan's rate limit in the cache: drop those of every workspace on it.
            for token_hash in ApiToken.all_workspaces.filter(workspace__plan=obj).values_list(
                "token_hash", flat=True
            ):
                forget_token(token_hash)


class SubscriptionForm(forms.ModelForm):
    plan = forms.ModelChoiceField(queryset=Plan.objects.all(), required=True)

    class Meta:
        model = Subscription
        fields = ("status", "billing_cycle")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["plan"].initial = self.instance.workspace.plan_id


@admin.register(Subscription)
class SubscriptionAdmin(WorkspaceScopedAdmin):
    audit_resource_type = "subscription"
    form = SubscriptionForm
    list_display = ("workspace", "status", "billing_cycle", "current_period_start", "current_period_end")
    list_filter = ("status", "billing_cycle")
    list_select_related = ("workspace",)
    search_fields = ("workspace__id", "workspace__name")
    readonly_fields = ("anchor_at", "current_period_start", "current_period_end")

    def has_add_permission(self, request):
        return False  # every workspace gets its subscription automatically

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        plan = form.cleaned_data.get("plan")
        super().save_model(request, obj, form, change)
        if plan is not None and plan.id != obj.workspace.plan_id:
            with acting_as(_actor(request), ip=_client_ip(request)):
                subscription_change_plan(workspace_id=obj.workspace_id, plan_id=plan.id)


class ModelUsageInline(admin.TabularInline):
    model = ModelUsage
    extra = 0
    can_delete = False
    fields = ("model", "prompt_tokens", "completion_tokens", "calls")
    readonly_fields = fields

    def get_queryset(self, request):
        return ModelUsage.all_workspaces.get_queryset()

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(UsagePeriod)
class UsagePeriodAdmin(WorkspaceScopedAdmin):
    audit_resource_type = "usage_period"
    list_display = ("workspace", "period_start", "period_end", "plan", "ai_tokens_used", "ai_tokens_included")
    list_filter = ("plan",)
    list_select_related = ("workspace", "plan")
    search_fields = ("workspace__id", "workspace__name")
    inlines = [ModelUsageInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # usage is counted by the system only

    def has_delete_permission(self, request, obj=None):
        return False
