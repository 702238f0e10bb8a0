using GraphQL;
using GraphQL.Execution;
using GraphQL.Instrumentation;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// GraphQL.NET's executer, failing closed: it picks the operation by <see cref="OperationSelection"/> (the rule the
/// endpoint's checks used) and runs it only if it is the very operation the request checked
/// (<see cref="RequestContext.CheckedOperation"/>). An execution whose operation nobody checked answers an internal
/// error and runs no resolver.
/// </summary>
public sealed class CheckedDocumentExecuter(IDocumentBuilder builder, IDocumentValidator validator, IExecutionStrategySelector strategies)
    : DocumentExecuter(builder, validator, strategies, [])
{
    protected override GraphQLOperationDefinition GetOperation(string? operationName, GraphQLDocument document) =>
        OperationSelection.Select(document, operationName);

    protected override global::GraphQL.Execution.ExecutionContext BuildExecutionContext(ExecutionOptions options, GraphQLDocument document,
        GraphQLOperationDefinition operation, IValidationResult validationResult, Metrics metrics)
    {
        if (options.UserContext is not RequestContext { CheckedOperation: { } checkedOperation } || !ReferenceEquals(checkedOperation, operation))
            throw new UncheckedOperationException();
        return base.BuildExecutionContext(options, document, operation, validationResult, metrics);
    }
}

/// <summary>An operation reached execution without the checks of the request it came with: a bug, never run.</summary>
public sealed class UncheckedOperationException()
    : InvalidOperationException("The operation to execute is not the one the request's checks were applied to; it was not run.");
