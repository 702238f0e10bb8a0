using BwpOrders.Domain;

namespace BwpOrders.Domain.Tests;

/// <summary>Where an error lies, in the domain's names, and said in another vocabulary by whoever renders it.</summary>
public sealed class FieldPathTests
{
    private static readonly FieldPath Amount = FieldPath.Of("packages")[2].Field("amounts")[0].Field("lineItemId");

    [Fact]
    public void A_path_reads_in_the_domains_names_with_its_indices()
    {
        Assert.Equal("packages[2].amounts[0].lineItemId", Amount.ToString());
        Assert.Equal("refunds[0].refundTotal.totalAmount", FieldPath.Of("refunds")[0].Field("refundTotal.totalAmount").ToString());
        Assert.Equal(["packages", 2, "amounts", 0, "lineItemId"], Amount.Steps);
    }

    [Fact]
    public void Each_field_is_said_by_the_names_leading_to_it_and_indices_stay_with_their_list()
    {
        var renames = new Dictionary<string, string> { ["packages"] = "packageInformation.details", ["packages.amounts"] = "packageState.orderLineItemAmounts" };
        var said = Amount.Render((shape, field) => renames.GetValueOrDefault(shape, field));
        Assert.Equal("packageInformation.details[2].packageState.orderLineItemAmounts[0].lineItemId", said);
        // A field of the same name elsewhere is said as it is.
        Assert.Equal("amounts", FieldPath.Of("amounts").Render((shape, field) => renames.GetValueOrDefault(shape, field)));
    }

    [Fact]
    public void An_error_carries_its_field_apart_from_its_detail_and_renders_fields_it_mentions()
    {
        var error = BwpException.Validation(ErrorCodes.CurrencyMismatch, FieldPath.Of("lineItems")[0].Field("product.price.currencyCode"),
            (FormattableString)$"is EUR but {FieldPath.Of("totalPrice.value.currencyCode")} is USD.");

        Assert.Equal("lineItems[0].product.price.currencyCode: is EUR but totalPrice.value.currencyCode is USD.", error.Message);
        Assert.Equal("input.lineItems[0].product.price.currencyCode: is EUR but input.totalPrice.value.currencyCode is USD.",
            error.MessageSaying(p => $"input.{p}"));
        Assert.Equal("is EUR but totalPrice.value.currencyCode is USD.", error.Detail);
        Assert.Equal("the clock only moves forward.", BwpException.Validation(ErrorCodes.InvalidInput, "the clock only moves forward.").MessageSaying(_ => "never"));
    }
}
