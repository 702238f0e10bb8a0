using BwpOrders.Domain;
using BwpOrders.Server.GraphQL;
using BwpOrders.Server.Hosting;
using GraphQL;
using GraphQLParser.AST;

namespace BwpOrders.Server.Faults;

/// <summary>
/// Where faults meet GraphQL requests: after the request was admitted (authenticated, its one operation selected and
/// checked) and before anything executes, so a faulted request changes nothing. Only on a sandbox server; production
/// ignores <c>x-bwp-fault</c> as any unknown header.
/// </summary>
public sealed class FaultInjector(FaultRules rules, bool sandbox, ILogger<FaultInjector> logger)
{
    public bool Enabled => sandbox;

    /// <summary>Answers the request with a fault if the header or a rule says so; false when it is to run (also after a Latency fault).</summary>
    public async Task<bool> InterceptAsync(HttpContext http, string target, string version, GraphQLDocument document, GraphQLOperationDefinition operation, Inputs? variables)
    {
        if (!sandbox) return false;
        var oneOff = FaultHeader.Parse(http.Request.Headers[FaultHeader.Name]);
        var calls = RootCalls.Of(document, operation, variables);
        var fault = oneOff is not null
            ? new FiredFault(null, oneOff, calls.FirstOrDefault()?.Field ?? "")
            : rules.FireForRequest(target, version, calls, http.TraceIdentifier);
        if (fault is null) return false;
        if (fault.RuleId is null) rules.RecordHeaderFault(target, http.TraceIdentifier, fault.Operation);
        // Never request values: which rule, which operation, which answer.
        logger.LogInformation("Fault {FaultId} injected into {Operation}: {Kind}", fault.RuleId ?? FaultHeader.Name, fault.Operation, fault.Spec.Kind);
        return await AnswerAsync(http, fault.Spec);
    }

    /// <summary>BwP's own answers, each written where the server writes it for real.</summary>
    private static async Task<bool> AnswerAsync(HttpContext http, FaultSpec fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.ThrottlingError:
                await RequestProtection.WriteThrottledAsync(http, fault.RetryAfterSeconds, http.RequestAborted);
                return true;
            case FaultKind.ConflictError:
                // Code-less, as BwP's createOrder error table lists it.
                await BwpResponses.WriteErrorAsync(http, Http.ErrorMapping.Classify(ErrorKind.Conflict).Status, ErrorKind.Conflict, null,
                    "The request conflicts with a concurrent change to the same resource; retry it.", http.RequestAborted);
                return true;
            case FaultKind.InternalServerError:
                await UnexpectedErrors.WriteInternalErrorAsync(http);
                return true;
            case FaultKind.Timeout:
                // Held until the request timeout cancels it; its middleware answers 504 RequestTimeout, as for slow work.
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
                return true;
            case FaultKind.Latency:
                await Task.Delay(fault.LatencyMs ?? 0, http.RequestAborted);
                return false;
            case FaultKind.DropConnection:
                http.Abort();
                return true;
            default:
                return false;
        }
    }
}
