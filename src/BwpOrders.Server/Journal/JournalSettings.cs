namespace BwpOrders.Server.Journal;

/// <summary>The request journal's bounds (configuration section "Journal", e.g. <c>Journal__Size=500</c>).</summary>
public sealed class JournalSettings
{
    /// <summary>Requests kept per target, newest first; the oldest is dropped when another arrives. 0 turns the journal off.</summary>
    public int Size { get; set; } = 100;

    /// <summary>Targets this process keeps a journal for; the one written to longest ago is dropped for a new one.</summary>
    public int MaxTargets { get; set; } = 200;

    /// <summary>How long full capture stays on once a target turns it on (it then turns off by itself).</summary>
    public TimeSpan CaptureFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Targets that may have full capture on at once in this process.</summary>
    public int MaxCapturingTargets { get; set; } = 10;

    /// <summary>Characters kept of each captured text (query, variables, response); the rest is cut, saying how much.</summary>
    public int CaptureChars { get; set; } = 16_384;

    public void Check()
    {
        Hosting.Settings.CheckAtLeast(this, "Journal", 0, nameof(MaxTargets), nameof(MaxCapturingTargets), nameof(CaptureChars));
        Hosting.Settings.CheckAtLeast(this, "Journal", 1, nameof(Size));
        if (CaptureFor <= TimeSpan.Zero) throw new ArgumentException($"Journal:CaptureFor must be a positive duration such as 00:30:00, not {CaptureFor}.");
    }
}
