namespace BwpOrders.Tests.Infrastructure;

/// <summary>
/// A merchant's endpoint (a <see cref="WebhookSink"/>) and a server delivering to it: retries after 100 ms so that
/// retry tests take well under a second, and EventBridge destinations delivered to the sink's <c>/eventbridge</c>.
/// </summary>
public sealed class EventServerFixture : IAsyncLifetime
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public WebhookSink Sink { get; private set; } = null!;
    public ServerFixture Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sink = await WebhookSink.StartAsync();
        Server = new ServerFixture
        {
            ConfigurationArgs =
            [
                .. ServerFixture.HighRateLimits, "--Events:RetryDelays=100ms,100ms,100ms,100ms",
                $"--Events:EventBridge:ServiceUrl={Sink.Url("/eventbridge")}", $"--Events:EventBridge:AccessKeyId={AccessKeyId}",
                $"--Events:EventBridge:SecretAccessKey={SecretAccessKey}",
            ],
        };
        await Server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
