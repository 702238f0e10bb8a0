namespace BwpOrders.Server.Faults;

/// <summary>What a fault answers: five of BwP's own answers to a GraphQL request, and a failed webhook delivery attempt.</summary>
public enum FaultKind
{
    ThrottlingError,
    ConflictError,
    InternalServerError,
    Timeout,
    Latency,
    DropConnection,
    DeliveryFailure,
}

/// <summary>An order as a request names it: by id, or by alias (aliasType and aliasId).</summary>
public sealed record FaultAlias(string AliasType, string AliasId);

/// <summary>
/// What a rule matches and answers, as posted. Request rules match by <see cref="Operation"/> (root field),
/// <see cref="Version"/> and the order addressed; delivery rules (<see cref="FaultKind.DeliveryFailure"/>) by subscription.
/// </summary>
public sealed record FaultSpec(FaultKind Kind)
{
    public string? Operation { get; init; }
    public string? Version { get; init; }
    public string? OrderId { get; init; }
    public FaultAlias? Alias { get; init; }
    public string? SubscriptionId { get; init; }
    public int? Count { get; init; }
    public double? Probability { get; init; }
    public int Seed { get; init; } = FaultRule.DefaultSeed;
    public int? LatencyMs { get; init; }
    public int RetryAfterSeconds { get; init; } = 1;
}

/// <summary>One faulted answer, as the rule lists it: when, which request (or delivery), which operation.</summary>
public sealed record FaultHit(string At, string? RequestId, string? Operation, long? DeliveryId);

/// <summary>How many answers were faulted, and the last few of them.</summary>
public sealed class HitLog
{
    private const int Kept = 10;
    private readonly Queue<FaultHit> _recent = new();

    public long Hits { get; private set; }
    public IReadOnlyList<FaultHit> Recent => [.. _recent];

    public void Add(FaultHit hit)
    {
        Hits++;
        _recent.Enqueue(hit);
        if (_recent.Count > Kept) _recent.Dequeue();
    }
}

/// <summary>
/// A rule and what it has done. It fires on a matching call while it has calls left (<see cref="FaultSpec.Count"/>;
/// none: every match) and, with a probability, when its own seeded generator says so: the same seed draws the same
/// sequence, so a test is reproducible. With both, each match is faulted with the probability until Count have been.
/// </summary>
public sealed class FaultRule(string id, FaultSpec spec, string createdAt)
{
    public const int DefaultSeed = 1;

    private readonly Random _random = new(spec.Seed);

    public string Id { get; } = id;
    public FaultSpec Spec { get; } = spec;
    public string CreatedAt { get; } = createdAt;
    public int? Remaining { get; private set; } = spec.Count;
    public HitLog Log { get; } = new();

    /// <summary>Whether this matching call is faulted; if so it is logged. The caller holds the target's lock.</summary>
    public bool TryFire(FaultHit hit)
    {
        if (Remaining == 0) return false;
        if (Spec.Probability is { } p && _random.NextDouble() >= p) return false;
        if (Remaining is { } left) Remaining = left - 1;
        Log.Add(hit);
        return true;
    }
}
