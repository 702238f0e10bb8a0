using System.Reflection;
using BwpOrders.Server.Hosting;
using BwpOrders.Storage;

namespace BwpOrders.Cli;

/// <summary>
/// What <c>serve</c> says as plain lines on stdout, before the host is up and its JSON logs begin: the version, the
/// store and the mode at once, so a terminal, a container log or a test harness sees what is starting, then where it listens.
/// </summary>
public static class StartupReport
{
    /// <summary>The version the binary and the tool carry, with the commit shortened: <c>0.1.0+b67ae8d</c>.</summary>
    public static string Version { get; } = ShortVersion(
        typeof(StartupReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    public static void Starting(BwpOrdersOptions options)
    {
        Console.WriteLine($"bwp-orders {Version} starting");
        Console.WriteLine($"  store: {StorageSpec.Describe(options.Storage)}");
        Console.WriteLine($"  mode:  {(options.Production ? "production (no sandbox mutations)" : "sandbox")}, simulated fulfilment {(options.SimulateFulfillment ? "on" : "off")}");
    }

    public static void Listening(RunningBwpOrders server) =>
        Console.WriteLine($"bwp-orders listening on {string.Join(", ", server.Addresses)}");

    private static string ShortVersion(string informational) =>
        informational.Split('+') is [var version, { Length: > 7 } commit] ? $"{version}+{commit[..7]}" : informational;
}
