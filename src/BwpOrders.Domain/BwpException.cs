using System.Globalization;

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

/// <summary>
/// A rejected request, carrying the BwP error type and code, and where in the command the problem is
/// (<see cref="Where"/>, in the domain's names; the transport says it in the version's). Nothing is written when one is thrown.
/// </summary>
public sealed class BwpException(ErrorKind kind, string? code, string detail, FieldPath? where = null)
    : Exception(where is null ? detail : $"{where}: {detail}")
{
    private FormattableString? mentions;

    public ErrorKind Kind { get; } = kind;
    public string? Code { get; } = code;

    /// <summary>The field the problem is at, or null when it concerns the request as a whole.</summary>
    public FieldPath? Where { get; } = where;

    /// <summary>What is wrong and what to do, without the field.</summary>
    public string Detail { get; } = detail;

    /// <summary>The message with <see cref="Where"/> as <paramref name="say"/> renders it (the domain's own wording is <see cref="Exception.Message"/>).</summary>
    public string MessageSaying(Func<FieldPath, string> say)
    {
        var detail = mentions is null ? Detail
            : string.Format(CultureInfo.InvariantCulture, mentions.Format, mentions.GetArguments().Select(a => a is FieldPath p ? say(p) : a).ToArray());
        return Where is null ? detail : $"{say(Where)}: {detail}";
    }

    public static BwpException Validation(string code, string message) => new(ErrorKind.Validation, code, message);
    public static BwpException Validation(string code, FieldPath where, string detail) => new(ErrorKind.Validation, code, detail, where);

    /// <summary>A validation error whose detail names other fields too (its <see cref="FieldPath"/> arguments), said as the transport says <paramref name="where"/>.</summary>
    public static BwpException Validation(string code, FieldPath where, FormattableString detail) =>
        new(ErrorKind.Validation, code, FormattableString.Invariant(detail), where) { mentions = detail };
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

    // Shopper identity and delivery preview (BwP's "Troubleshoot delivery preview errors" page).
    public const string InvalidIdpToken = "InvalidIdpToken";
    public const string InvalidAddress = "InvalidAddress";
    public const string InvalidDestination = "InvalidDestination";
    public const string ItemAmountUnavailable = "ItemAmountUnavailable";
    public const string ProductAmountUnavailable = "ProductAmountUnavailable";
    public const string ProductNotPrimeEnabled = "ProductNotPrimeEnabled";
    public const string ProductOutOfStock = "ProductOutOfStock";

    // createOrder against the preview it names ("Troubleshoot order errors": AddressMismatch; the others are this
    // server's, named for what they mean).
    public const string AddressMismatch = "AddressMismatch";
    public const string InvalidDeliveryOffer = "InvalidDeliveryOffer";
    public const string DeliveryOfferExpired = "DeliveryOfferExpired";
    public const string ShopperIdentityMismatch = "ShopperIdentityMismatch";

    // Catalog and inventory ("Troubleshoot catalog errors"; DuplicateProductIdentifier is this server's, named for what it means).
    public const string DuplicateProductIdentifier = "DuplicateProductIdentifier";
    public const string InvalidAmazonSkuConfiguration = "InvalidAmazonSkuConfiguration";
    public const string MissingAmazonSkuConfiguration = "MissingAmazonSkuConfiguration";

    // Sandbox mutations (BwP's "Troubleshoot sandbox errors" page).
    public const string PackageInformationDetailIdNotFound = "PackageInformationDetailIdNotFound";
    public const string InvalidPackageDeliveryDetailStateTransition = "InvalidPackageDeliveryDetailStateTransition";
    public const string ConflictingPackageStateInput = "ConflictingPackageStateInput";
    public const string MissingCancellationReason = "MissingCancellationReason";
    public const string PackageTrackerNotFound = "PackageTrackerNotFound";
    public const string PackageTrackerNotAvailableForUpdate = "PackageTrackerNotAvailableForUpdate";
    public const string UpdatePackageTrackerLimitExceeded = "UpdatePackageTrackerLimitExceeded";
}
