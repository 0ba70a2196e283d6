namespace SessionService.Api.Http;

/// <summary>The optional <c>device</c> and <c>device_name</c> of a login, as every token surface reads them.</summary>
public static class DeviceFieldsReader
{
    public static (string? Device, string? DeviceName) DeviceFields(this RequestFields fields)
    {
        var device = fields.OptionalString("device", ClientText.MaxDeviceLength);
        if (device is not null && !ClientText.IsDeviceId(device))
        {
            throw BadInputException.Invalid(
                $"Field 'device' must be 1 to {ClientText.MaxDeviceLength} letters, digits or - . _ ~ (it names the device in /auth/sessions/{{device}}).");
        }

        var deviceName = fields.OptionalString("device_name", ClientText.MaxDeviceLength);
        if (deviceName is not null && ClientText.HasHidden(deviceName))
        {
            throw BadInputException.Invalid("Field 'device_name' must not contain control, bidi or zero-width characters.");
        }

        return (device, deviceName);
    }
}
