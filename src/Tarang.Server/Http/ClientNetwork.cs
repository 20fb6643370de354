using System.Net;
using System.Net.Sockets;

namespace Tarang.Server.Http;

/// <summary>Names the network a client address belongs to, for per-client rate limits.</summary>
public static class ClientNetwork
{
    /// <summary>
    /// Returns the IPv4 address itself (IPv4-mapped IPv6 addresses included), or the /64 prefix of
    /// an IPv6 address, written as <c>2001:db8:1:2::/64</c>. One IPv6 host is usually given a whole
    /// /64, so keying on the full address would let it change address for every attempt, each
    /// with a fresh limit. Returns <c>unknown</c> when there is no address.
    /// </summary>
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
