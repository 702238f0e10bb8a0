using BwpOrders.Domain;
using BwpOrders.Domain.Rules;

namespace BwpOrders.Server.Hosting;

/// <summary>
/// Runs BwP's scheduled actions (cancellations completing, simulated shipments) as their targets' clocks reach
/// them: at once when a change schedules one (<see cref="DueSignal"/>), and otherwise every quarter second. Any
/// number of processes may run it on one database: each action is run by exactly one of them.
/// </summary>
public sealed class ScheduledActionRunner(OrderService orders, DueSignal signal, IdSource ids, ILogger<ScheduledActionRunner> logger) : BackgroundService
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ids.Use(); // what BwP's actions generate (refunds of a decided cancellation...) comes from the server's source too
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await orders.RunDueAsync(null, stoppingToken);
                await signal.WaitAsync(PollEvery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Running scheduled actions failed; retrying shortly");
                await Task.Delay(PollEvery * 4, stoppingToken);
            }
        }
    }
}
