namespace BwpOrders.Tests.Infrastructure;

/// <summary>A clock the test moves by hand (the server's token lifetime checks read it).</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
