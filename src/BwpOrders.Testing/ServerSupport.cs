using Microsoft.Extensions.Logging;

namespace BwpOrders.Testing;

/// <summary>The server's time: <see cref="BwpSandboxOptions.StartTime"/> at start, then moving with real time.</summary>
internal sealed class StartedAtClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _started = TimeProvider.System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + TimeProvider.System.GetElapsedTime(_started);
}

/// <summary>Hands the server's log lines to the test's own <see cref="ILoggerFactory"/>; the test owns and disposes it.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory factory) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => factory.CreateLogger(categoryName);

    public void Dispose() { }
}
