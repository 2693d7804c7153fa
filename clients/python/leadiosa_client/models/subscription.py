from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.billing_cycle_enum import BillingCycleEnum
from ..models.subscription_status_enum import SubscriptionStatusEnum

if TYPE_CHECKING:
    from ..models.ai_tokens import AiTokens
    from ..models.plan_ref import PlanRef


T = TypeVar("T", bound="Subscription")


@_attrs_define
class Subscription:
    """The workspace's plan, billing period, rate limit and AI token usage.

    Attributes:
        plan (PlanRef): The workspace's plan.
        status (SubscriptionStatusEnum): One of the listed values.
        billing_cycle (BillingCycleEnum): One of the listed values.
        current_period_start (datetime.datetime): When the current billing period began (UTC).
        current_period_end (datetime.datetime): When it ends (UTC): the AI token allowance renews then.
        rate_limit_per_minute (int): API requests each token may make per minute (`X-RateLimit-Limit`).
        ai_tokens (AiTokens): AI tokens of the current billing period: the plan's allowance, used and remaining.
    """

    plan: PlanRef
    status: SubscriptionStatusEnum
    billing_cycle: BillingCycleEnum
    current_period_start: datetime.datetime
    current_period_end: datetime.datetime
    rate_limit_per_minute: int
    ai_tokens: AiTokens
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        plan = self.plan.to_dict()

        status = self.status.value

        billing_cycle = self.billing_cycle.value

        current_period_start = self.current_period_start.isoformat()

        current_period_end = self.current_period_end.isoformat()

        rate_limit_per_minute = self.rate_limit_per_minute

        ai_tokens = self.ai_tokens.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "plan": plan,
                "status": status,
                "billing_cycle": billing_cycle,
                "current_period_start": current_period_start,
                "current_period_end": current_period_end,
                "rate_limit_per_minute": rate_limit_per_minute,
                "ai_tokens": ai_tokens,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ai_tokens import AiTokens  # noqa: PLC0415
        from ..models.plan_ref import PlanRef  # noqa: PLC0415

        d = dict(src_dict)
        plan = PlanRef.from_dict(d.pop("plan"))

        status = SubscriptionStatusEnum(d.pop("status"))

        billing_cycle = BillingCycleEnum(d.pop("billing_cycle"))

        current_period_start = datetime.datetime.fromisoformat(
            d.pop("current_period_start")
        )

        current_period_end = datetime.datetime.fromisoformat(
            d.pop("current_period_end")
        )

        rate_limit_per_minute = d.pop("rate_limit_per_minute")

        ai_tokens = AiTokens.from_dict(d.pop("ai_tokens"))

        subscription = cls(
            plan=plan,
            status=status,
            billing_cycle=billing_cycle,
            current_period_start=current_period_start,
            current_period_end=current_period_end,
            rate_limit_per_minute=rate_limit_per_minute,
            ai_tokens=ai_tokens,
        )

        subscription.additional_properties = d
        return subscription

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
