namespace Tsunagu.Cases.Casework;

/// <summary>The names workflows/case-path.bpmn defines: process key, nodes, messages, variables and their values.</summary>
public static class CaseProcess
{
    public const string Key = "case-path";

    /// <summary>The model key the business-rule task 紹介先判定 evaluates decision <c>Routing</c> in.</summary>
    public const string RoutingModel = "routing";

    public static class Nodes
    {
        public const string Routing = "routing";
        public const string Referral = "referral";
        public const string ReferralReview = "referral-review";
        public const string Escalated = "escalated";
        public const string Triage = "triage";
        public const string Assessment = "assessment";
        public const string Plan = "plan";
        public const string MeetingJusou = "meeting-jusou";
        public const string MeetingShien = "meeting-shien";
        public const string Outreach = "outreach";
        public const string Participation = "participation";
        public const string Support = "support";
        public const string Monitoring = "monitoring";
        public const string MonitoringReminder = "monitoring-reminder";
        public const string Overdue = "overdue";
        public const string NotifyReminder = "notify-reminder";
        public const string NotifyOverdue = "notify-overdue";
        public const string Judgement = "judgement";
        public const string Closed = "end-closed";
        public const string Suspended = "end-suspended";
    }

    public static class Messages
    {
        public const string ConsentGranted = "consent-granted";
        public const string ConsentWithdrawn = "consent-withdrawn";
        public const string IntervalChanged = "monitoring-interval-changed";
        public const string CaseEnded = "case-ended";

        /// <summary>A single-agency case raised to 多機関協働; carries <c>escalation {reason, by, at}</c>.</summary>
        public const string Escalated = "escalated";

        /// <summary>A new plan version outside 支援プラン作成; carries the new <c>plan</c>.</summary>
        public const string PlanRevised = "plan-revised";

        /// <summary>Accepted re-routing proposals: carries the new <c>routing</c> and the facts it was decided on.</summary>
        public const string ReferralsChanged = "referrals-changed";
    }

    /// <summary>
    /// Whether a task's form may set <paramref name="variable"/>: a form adds its own results, but the case's identity,
    /// intake, consent, routing, plan and schedule are set only by the process and the case services (consent only by a
    /// recorded consent change, the plan only as a stored version). 継続/終結判断 sets the judgement.
    /// </summary>
    public static bool FormMaySet(string nodeId, string variable) =>
        !ProtectedVariables.Contains(variable)
        || (nodeId, variable) is (Nodes.Judgement, Variables.Judgement or Variables.JudgementReason);

    private static readonly HashSet<string> ProtectedVariables = new(
        typeof(Variables).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!), StringComparer.Ordinal);

    public static class Variables
    {
        public const string CaseId = "caseId";
        public const string Person = "person";
        public const string Household = "household";
        public const string Consent = "consent";
        public const string ConsentChange = "consentChange";
        public const string ConsentHistory = "consentHistory";
        public const string Sharing = "sharing";
        public const string Window = "window";
        public const string Route = "route";
        public const string Area = "area";
        public const string IntakeAt = "intakeAt";
        public const string IntakeBy = "intakeBy";
        public const string MultiAgencyInstitution = "multiAgencyInstitution";
        public const string MonitoringInterval = "monitoringInterval";
        public const string ReminderBefore = "reminderBefore";
        public const string MonitoringDue = "monitoringDue";
        public const string MonitoringReminder = "monitoringReminder";
        public const string Routing = "routing";
        public const string Plan = "plan";
        public const string Judgement = "judgement";
        public const string JudgementReason = "judgementReason";
        public const string JudgedBy = "judgedBy";
        public const string ReferralOutcome = "referralOutcome";
        public const string ReferralOutcomes = "referralOutcomes";
        public const string AcceptedReferrals = "acceptedReferrals";
        public const string DeclinedReferrals = "declinedReferrals";
        public const string Escalation = "escalation";
        public const string MeetingDecision = "meetingDecision";
        public const string ReopenedFrom = "reopenedFrom";
    }

    /// <summary>Values of <c>consent</c>: only "granted" allows sharing with the other agencies (重層的支援会議).</summary>
    public static class Consent
    {
        public const string Granted = "granted";
        public const string NotGranted = "not-granted";
        public const string Withdrawn = "withdrawn";
    }

    /// <summary>Values of <c>judgement</c> set by 継続/終結判断 (or the case-ended message).</summary>
    public static class Judgement
    {
        public const string Continue = "継続";
        public const string Close = "終結";
        public const string Suspend = "中断";
    }

    /// <summary>Values of <c>referralOutcome.outcome</c>: the referred institution accepts (support starts) or declines with a reason.</summary>
    public static class ReferralOutcome
    {
        public const string Accepted = "accepted";
        public const string Declined = "declined";
    }

    public const string MeetingJusou = "重層的支援会議";
    public const string MeetingShien = "支援会議";
}
