using System.CommandLine;
using BwpOrders.Domain;
using BwpOrders.Storage;

namespace BwpOrders.Cli;

/// <summary><c>clock show|advance</c>: a target's simulated clock, directly on a store (mirrors /control/v1/clock).</summary>
public static class ClockCommands
{
    public static Command Build(Option<string> storage)
    {
        var target = new Option<string>("--target-id") { Description = "The target whose clock it is", Required = true };
        var show = new Command("show", "Print the target's simulated time and its offset from real time") { target, storage };
        show.SetAction(async (parse, ct) =>
        {
            var (clock, _) = await OpenAsync(parse.GetValue(storage)!, ct);
            var now = await clock.NowAsync(parse.GetValue(target)!, ct);
            Console.WriteLine($"{Domain.Timestamps.Format(now)}\toffset {Math.Round((now - clock.RealNow).TotalSeconds) + 0.0:0} s");
            return 0;
        });

        var seconds = new Option<double>("--seconds") { Description = "How far to move the clock forward", Required = true };
        var advance = new Command("advance", "Move the target's clock forward and run what falls due (packages, cancellations)") { target, seconds, storage };
        advance.SetAction(async (parse, ct) =>
        {
            var (clock, orders) = await OpenAsync(parse.GetValue(storage)!, ct);
            var value = parse.GetValue(seconds);
            if (value < 0) throw new ArgumentException("--seconds: the clock only moves forward.");
            var now = await clock.AdvanceAsync(parse.GetValue(target)!, TimeSpan.FromSeconds(value), ct);
            var ran = await orders.RunDueAsync(parse.GetValue(target)!, ct);
            Console.WriteLine($"{Domain.Timestamps.Format(now)}\t{ran} scheduled action(s) ran");
            return 0;
        });

        return new Command("clock", "A target's simulated clock") { show, advance };
    }

    private static async Task<(SimulatedClock, OrderService)> OpenAsync(string spec, CancellationToken ct)
    {
        var store = StorageSpec.Open(spec);
        await store.Orders.MigrateAsync(ct);
        var clock = new SimulatedClock(store.Clocks, TimeProvider.System);
        return (clock, new OrderService(store.Orders, store.Clocks, clock, new DueSignal()));
    }
}
