namespace BwpOrders.Server.Hosting;

/// <summary>
/// The control API's test helpers (configuration section "Control", e.g. <c>Control__NewTargets=false</c>).
/// </summary>
public sealed class ControlSettings
{
    /// <summary>Whether <c>POST /control/v1/targets</c> makes fresh targets (sandbox only; never in production).</summary>
    public bool NewTargets { get; set; } = true;

    /// <summary>Fresh targets one credential may make per minute.</summary>
    public int NewTargetsPerMinute { get; set; } = 60;

    public void Check() => Settings.CheckAtLeast(this, "Control", 1);
}
