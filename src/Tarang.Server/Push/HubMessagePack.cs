using System.Globalization;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace Tarang.Server.Push;

/// <summary>
/// The hub's MessagePack settings. Prices travel as float64 of their decimal value, because
/// MessagePack has no decimal type and the library would otherwise send text. Times travel as
/// ISO-8601 text in IST, as in JSON, so both protocols carry the same values.
/// </summary>
public static class HubMessagePack
{
    public static MessagePackSerializerOptions Options { get; } = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create(
            [new DecimalAsFloat64(), new NullableDecimalAsFloat64(), new DateTimeOffsetAsText(), new NullableDateTimeOffsetAsText()],
            [StandardResolver.Instance]))
        .WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>Writes an instant as System.Text.Json does: whole seconds without a fraction.</summary>
    private static string Format(DateTimeOffset value) =>
        value.ToString(value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private sealed class DecimalAsFloat64 : IMessagePackFormatter<decimal>
    {
        public void Serialize(ref MessagePackWriter writer, decimal value, MessagePackSerializerOptions options) => writer.Write((double)value);

        public decimal Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) => (decimal)reader.ReadDouble();
    }

    private sealed class NullableDecimalAsFloat64 : IMessagePackFormatter<decimal?>
    {
        public void Serialize(ref MessagePackWriter writer, decimal? value, MessagePackSerializerOptions options)
        {
            if (value is { } number)
            {
                writer.Write((double)number);
            }
            else
            {
                writer.WriteNil();
            }
        }

        public decimal? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
            reader.TryReadNil() ? null : (decimal)reader.ReadDouble();
    }

    private sealed class DateTimeOffsetAsText : IMessagePackFormatter<DateTimeOffset>
    {
        public void Serialize(ref MessagePackWriter writer, DateTimeOffset value, MessagePackSerializerOptions options) =>
            writer.Write(Format(value));

        public DateTimeOffset Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
            DateTimeOffset.Parse(reader.ReadString()!, CultureInfo.InvariantCulture);
    }

    private sealed class NullableDateTimeOffsetAsText : IMessagePackFormatter<DateTimeOffset?>
    {
        public void Serialize(ref MessagePackWriter writer, DateTimeOffset? value, MessagePackSerializerOptions options)
        {
            if (value is { } instant)
            {
                writer.Write(Format(instant));
            }
            else
            {
                writer.WriteNil();
            }
        }

        public DateTimeOffset? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
            reader.TryReadNil() ? null : DateTimeOffset.Parse(reader.ReadString()!, CultureInfo.InvariantCulture);
    }
}
