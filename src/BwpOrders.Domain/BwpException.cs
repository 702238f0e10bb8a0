namespace BwpOrders.Domain;

/// <summary>The error categories of the BwP API (how each shows on the wire is the server's: Http/ErrorMapping).</summary>
public enum ErrorKind
{
    Validation,
    AccessDenied,
    ResourceNotFound,
    Conflict,
    Throttling,
    InternalServer,
}

/// <summary>A rejected request, carrying the BwP error type and code. Nothing is written when one is thrown.</summary>
public sealed class BwpException(ErrorKind kind, string? code, string message) : Exception(message)
{
    public ErrorKind Kind { get; } = kind;
    public string? Code { get; } = code;

    public static BwpException Validation(string code, string message) => new(ErrorKind.Validation, code, message);
    public static BwpException NotFound(string message) => new(ErrorKind.ResourceNotFound, "ResourceNotFound", message);
    public static BwpException Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);
}

/// <summary>The documented error codes this server emits, plus a few of its own named for what they mean.</summary>
public static class ErrorCodes
{
    public const string AliasValueAlreadyExists = "AliasValueAlreadyExists";
    public const string AliasLimitExceeded = "AliasLimitExceeded";
    public const string DuplicateAliasId = "DuplicateAliasId";
    public const string InvalidAliasId = "InvalidAliasId";
    public const string DuplicateRefundId = "DuplicateRefundId";
    public const string InvalidRefundId = "InvalidRefundId";
    public const string MissingRefundId = "MissingRefundId";
    public const string InvalidRefundStateTransition = "InvalidRefundStateTransition";
    public const string InvalidRefundRequestReasonUpdate = "InvalidRefundRequestReasonUpdate";
    public const string InvalidReturnId = "InvalidReturnId";
    public const string DuplicateReturnId = "DuplicateReturnId";
    public const string InvalidReturnStateTransition = "InvalidReturnStateTransition";
    /// <summary>updateReturn names an offer the return does not have (no documented code; named like InvalidReturnId).</summary>
    public const string InvalidReturnDeliveryOfferId = "InvalidReturnDeliveryOfferId";
    public const string InvalidExecutionStateTransition = "InvalidExecutionStateTransition";
    public const string ItemDoesNotExist = "ItemDoesNotExist";
    public const string LineItemLimitExceeded = "LineItemLimitExceeded";
    public const string OrderLinkLimitExceeded = "OrderLinkLimitExceeded";
    public const string CurrencyMismatch = "CurrencyMismatch";
    public const string InvalidAmount = "InvalidAmount";
    public const string InvalidInput = "InvalidInput";
    public const string FieldNotUpdatable = "FieldNotUpdatable";

    public const string OrderNotCancellable = "OrderNotCancellable";
    public const string ReturnNotUpdatable = "ReturnNotUpdatable";
    public const string ItemNotReturnable = "ItemNotReturnable";
    public const string InvalidReturnPackageStateTransition = "InvalidReturnPackageStateTransition";
    public const string ReturnPackageNotFound = "ReturnPackageNotFound";
    public const string InvalidTrackingNumber = "InvalidTrackingNumber";
    public const string InvalidCarrierCode = "InvalidCarrierCode";

    // Sandbox mutations (BwP's "Troubleshoot sandbox errors" page).
    public const string PackageInformationDetailIdNotFound = "PackageInformationDetailIdNotFound";
    public const string InvalidPackageDeliveryDetailStateTransition = "InvalidPackageDeliveryDetailStateTransition";
    public const string ConflictingPackageStateInput = "ConflictingPackageStateInput";
    public const string MissingCancellationReason = "MissingCancellationReason";
    public const string PackageTrackerNotFound = "PackageTrackerNotFound";
    public const string PackageTrackerNotAvailableForUpdate = "PackageTrackerNotAvailableForUpdate";
    public const string UpdatePackageTrackerLimitExceeded = "UpdatePackageTrackerLimitExceeded";
}
