using System.Globalization;
using System.Text;
using System.Text.Json;
using AIOps.Abstractions.Audit;

namespace AIOps.Silo.Endpoints;

/// <summary>
/// The compliance report as CSV (RFC 4180), one row per approval, rejection, action run, policy denial and
/// configuration change, for auditors who work in spreadsheets.
/// </summary>
public static class ComplianceCsv
{
    private const string Header =
        "section,sequence,at,actor,action,outcome,action_id,resource_id,agent_id,reason,approved_by,approved_at,steps,failed_steps,last_step_at,details";

    /// <summary>The report as CSV text with a header row; times in ISO 8601 UTC.</summary>
    public static string Write(ComplianceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder(Header).Append("\r\n");
        Entries(csv, "approval-granted", report.ApprovalsGranted);
        Entries(csv, "approval-rejected", report.ApprovalsRejected);
        foreach (var run in report.ActionsRun)
        {
            Row(csv, "action-run", null, Time(run.FirstStepAt), null, AuditActions.ActionStep, run.LastOutcome, run.ActionId, run.ResourceId,
                run.AgentId, null, run.ApprovedBy, Time(run.ApprovedAt), Number(run.Steps), Number(run.FailedSteps), Time(run.LastStepAt), null);
        }

        Entries(csv, "policy-denial", report.PolicyDenials);
        Entries(csv, "config-change", report.ConfigChanges);
        return csv.ToString();
    }

    private static void Entries(StringBuilder csv, string section, IEnumerable<AuditEntry> entries)
    {
        foreach (var e in entries)
        {
            Row(csv, section, Number(e.Sequence), Time(e.At), e.Actor, e.Action, e.Outcome, e.ActionId, e.ResourceId, e.AgentId, e.Reason,
                null, null, null, null, null, e.Details.IsEmpty ? null : JsonSerializer.Serialize(e.Details.OrderBy(d => d.Key, StringComparer.Ordinal).ToDictionary()));
        }
    }

    private static void Row(StringBuilder csv, params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Cell(cells[i]));
        }

        csv.Append("\r\n");
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        // A cell starting with = + - @ is a formula to spreadsheet programs: an actor name must not run as one.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string? Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
