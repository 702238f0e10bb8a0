using System.Collections.Concurrent;
using BwpOrders.Domain;

namespace BwpOrders.Server.Faults;

/// <summary>A root field a request runs and the order it addresses, as the request names it.</summary>
public sealed record RootCall(string Field, string? OrderId, FaultAlias? Alias);

/// <summary>A fault to answer: the rule's id (null for a one-off <c>x-bwp-fault</c>) and what to answer.</summary>
public sealed record FiredFault(string? RuleId, FaultSpec Spec, string Operation);

/// <summary>
/// Every target's fault rules, in this process's memory: faults are test-time settings, so a restart clears them, and
/// server processes sharing one database do not share them. At most <see cref="MaxPerTarget"/> rules per target.
/// </summary>
public sealed class FaultRules(TimeProvider clock)
{
    public const int MaxPerTarget = 100;

    private readonly ConcurrentDictionary<string, TargetFaults> _targets = new();

    /// <summary>One target's rules (in the order they were added: the first that fires answers) and its one-off faults' log.</summary>
    public sealed class TargetFaults
    {
        public List<FaultRule> Rules { get; } = [];
        public HitLog HeaderFaults { get; } = new();
    }

    public FaultRule Add(string target, FaultSpec spec)
    {
        var faults = For(target);
        lock (faults)
        {
            if (faults.Rules.Count >= MaxPerTarget)
                throw BwpException.Validation("FaultRuleLimitExceeded", $"A target has at most {MaxPerTarget} fault rules: delete some first.");
            var rule = new FaultRule("flt-" + Guid.NewGuid().ToString("N")[..12], spec, Now());
            faults.Rules.Add(rule);
            return rule;
        }
    }

    /// <summary>A consistent copy of the target's rules and logs, for listing.</summary>
    public T Read<T>(string target, Func<TargetFaults, T> read)
    {
        var faults = For(target);
        lock (faults) return read(faults);
    }

    public bool Remove(string target, string id)
    {
        var faults = For(target);
        lock (faults) return faults.Rules.RemoveAll(r => r.Id == id) > 0;
    }

    public int Clear(string target)
    {
        var faults = For(target);
        lock (faults)
        {
            var count = faults.Rules.Count;
            faults.Rules.Clear();
            return count;
        }
    }

    /// <summary>The first request rule that matches one of the calls and fires, counted as a hit; null if none does.</summary>
    public FiredFault? FireForRequest(string target, string version, IReadOnlyList<RootCall> calls, string requestId)
    {
        if (!_targets.TryGetValue(target, out var faults)) return null;
        lock (faults)
            foreach (var rule in faults.Rules)
            {
                if (rule.Spec.Kind == FaultKind.DeliveryFailure || rule.Spec.Version is { } v && v != version) continue;
                if (calls.FirstOrDefault(c => Matches(rule.Spec, c)) is not { } call) continue;
                if (rule.TryFire(new FaultHit(Now(), requestId, call.Field, null))) return new FiredFault(rule.Id, rule.Spec, call.Field);
            }
        return null;
    }

    /// <summary>The first delivery rule for this subscription that fires, counted as a hit; null if none does.</summary>
    public FiredFault? FireForDelivery(string target, string subscriptionId, long deliveryId)
    {
        if (!_targets.TryGetValue(target, out var faults)) return null;
        lock (faults)
            foreach (var rule in faults.Rules)
                if (rule.Spec.Kind == FaultKind.DeliveryFailure && (rule.Spec.SubscriptionId ?? subscriptionId) == subscriptionId
                    && rule.TryFire(new FaultHit(Now(), null, null, deliveryId)))
                    return new FiredFault(rule.Id, rule.Spec, "delivery");
        return null;
    }

    /// <summary>Logs a one-off fault (<c>x-bwp-fault</c>) in the target's list.</summary>
    public void RecordHeaderFault(string target, string requestId, string operation)
    {
        var faults = For(target);
        lock (faults) faults.HeaderFaults.Add(new FaultHit(Now(), requestId, operation, null));
    }

    private static bool Matches(FaultSpec rule, RootCall call) =>
        (rule.Operation ?? call.Field) == call.Field
        && (rule.OrderId is null || rule.OrderId == call.OrderId)
        && (rule.Alias is null || rule.Alias == call.Alias);

    private TargetFaults For(string target) => _targets.GetOrAdd(target, _ => new TargetFaults());

    private string Now() => Timestamps.Format(clock.GetUtcNow());
}
