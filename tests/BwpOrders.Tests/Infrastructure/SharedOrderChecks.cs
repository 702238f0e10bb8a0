using System.Runtime.CompilerServices;

namespace BwpOrders.Tests.Infrastructure;

internal static class SharedOrderChecks
{
    /// <summary>
    /// Every server the tests start, in this process or as a child process, checks that no reader changes an order it
    /// shares with other readers (<c>Storage:VerifySharedOrders</c>): so every test of a read path also tests that.
    /// </summary>
    [ModuleInitializer]
    internal static void TurnOn() => Environment.SetEnvironmentVariable("Storage__VerifySharedOrders", "true");
}
