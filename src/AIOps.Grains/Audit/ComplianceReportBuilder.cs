using System.Collections.Immutable;
using AIOps.Abstractions.Audit;

namespace AIOps.Grains.Audit;

/// <summary>
/// Builds a <see cref="ComplianceReport"/> from the entries of a range fed in chain order, so a store can stream
/// them. Approvals given before the range are asked for separately (<see cref="RunsWithoutApproval"/>).
/// </summary>
public sealed class ComplianceReportBuilder
{
    private readonly DateTimeOffset _from;
    private readonly DateTimeOffset _to;
    private readonly Dictionary<string, long> _byAction = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuditEntry> _latestApproval = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly ImmutableArray<AuditEntry>.Builder _granted = ImmutableArray.CreateBuilder<AuditEntry>();
    private readonly ImmutableArray<AuditEntry>.Builder _rejected = ImmutableArray.CreateBuilder<AuditEntry>();
    private readonly ImmutableArray<AuditEntry>.Builder _denials = ImmutableArray.CreateBuilder<AuditEntry>();
    private readonly ImmutableArray<AuditEntry>.Builder _configChanges = ImmutableArray.CreateBuilder<AuditEntry>();
    private AuditEntry? _first;
    private AuditEntry? _last;
    private long _entries;

    /// <summary>A report of entries at or after <paramref name="from"/> and before <paramref name="to"/>.</summary>
    public ComplianceReportBuilder(DateTimeOffset from, DateTimeOffset to)
    {
        AuditValidation.ValidateRange(from, to);
        _from = AuditHash.Truncate(from);
        _to = AuditHash.Truncate(to);
    }

    /// <summary>Ids of the actions that ran in the range with no approval seen so far before their first step.</summary>
    public IReadOnlyCollection<string> RunsWithoutApproval =>
        _runs.Values.Where(r => r.Approval is null).Select(r => r.ActionId).ToArray();

    /// <summary>Adds the next entry of the range, in chain order.</summary>
    public void Add(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _first ??= entry;
        _last = entry;
        _entries++;
        _byAction[entry.Action] = _byAction.GetValueOrDefault(entry.Action) + 1;
        switch (entry.Action)
        {
            case AuditActions.ApprovalGranted:
                _granted.Add(entry);
                if (entry.ActionId is { } approved)
                {
                    _latestApproval[approved] = entry;
                }

                break;
            case AuditActions.ApprovalRejected:
                _rejected.Add(entry);
                break;
            case AuditActions.PolicyVerdict when entry.Outcome == AuditOutcomes.Denied:
                _denials.Add(entry);
                break;
            case AuditActions.ConfigChanged:
                _configChanges.Add(entry);
                break;
            case AuditActions.ActionStep when entry.ActionId is { } actionId:
                if (!_runs.TryGetValue(actionId, out var run))
                {
                    run = new Run(actionId, entry.At, _latestApproval.GetValueOrDefault(actionId));
                    _runs.Add(actionId, run);
                }

                run.Add(entry);
                break;
        }
    }

    /// <summary>An approval given before the range for one of <see cref="RunsWithoutApproval"/>; the latest one counts.</summary>
    public void AddEarlierApproval(AuditEntry approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        if (approval.Action == AuditActions.ApprovalGranted && approval.ActionId is { } actionId
            && _runs.TryGetValue(actionId, out var run) && approval.At < _from
            && (run.EarlierApproval is null || run.EarlierApproval.Sequence < approval.Sequence))
        {
            run.EarlierApproval = approval;
        }
    }

    /// <summary>The report.</summary>
    public ComplianceReport Build(DateTimeOffset generatedAt)
    {
        var runs = _runs.Values.OrderBy(r => r.FirstSequence).Select(r => r.ToSummary()).ToImmutableArray();
        var counts = new ComplianceCounts(
            _entries,
            _granted.Count,
            _rejected.Count,
            runs.Length,
            runs.Count(r => r.ApprovedBy is null),
            runs.Count(r => r.LastOutcome == AuditOutcomes.Failed),
            _denials.Count,
            _configChanges.Count);
        return new ComplianceReport(
            _from,
            _to,
            generatedAt,
            _first?.Sequence,
            _last?.Sequence,
            _last?.Hash,
            counts,
            _byAction.ToImmutableSortedDictionary(StringComparer.Ordinal),
            _granted.ToImmutable(),
            _rejected.ToImmutable(),
            runs,
            _denials.ToImmutable(),
            _configChanges.ToImmutable());
    }

    private sealed class Run(string actionId, DateTimeOffset firstStepAt, AuditEntry? approval)
    {
        private string? _agentId;
        private string? _resourceId;
        private DateTimeOffset _lastStepAt;
        private int _steps;
        private int _failed;
        private string _lastOutcome = "";

        public string ActionId => actionId;

        public long FirstSequence { get; private set; }

        public AuditEntry? Approval => approval ?? EarlierApproval;

        public AuditEntry? EarlierApproval { get; set; }

        public void Add(AuditEntry step)
        {
            if (_steps == 0)
            {
                FirstSequence = step.Sequence;
            }

            _steps++;
            _failed += step.Outcome == AuditOutcomes.Failed ? 1 : 0;
            _agentId ??= step.AgentId;
            _resourceId ??= step.ResourceId;
            _lastStepAt = step.At;
            _lastOutcome = step.Outcome;
        }

        public ComplianceActionRun ToSummary() => new(
            actionId, _agentId, _resourceId, firstStepAt, _lastStepAt, _steps, _failed, _lastOutcome, Approval?.Actor, Approval?.At);
    }
}
