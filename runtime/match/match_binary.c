/* The compact binary command format (ecg/match_replay.h): fixed 40-byte little-endian
 * records, written and read byte by byte so the format does not depend on the host. */
#include "ecg/match_replay.h"

#include <string.h>

#include "ecg/error.h"

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put_u64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get_u32(const unsigned char *p)
{
    uint32_t v = 0;

    for (int i = 3; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static uint64_t get_u64(const unsigned char *p)
{
    uint64_t v = 0;

    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static unsigned char kind_byte(enum ecgrt_match_command_kind kind)
{
    switch (kind) {
    case ECGRT_COMMAND_ADD:
        return 'A';
    case ECGRT_COMMAND_CANCEL:
        return 'C';
    case ECGRT_COMMAND_MODIFY:
        return 'M';
    }
    return 0;
}

void ecgrt_match_encode(unsigned char out[ECGRT_MATCH_RECORD_SIZE],
                        const struct ecgrt_match_command *cmd)
{
    int add = cmd->kind == ECGRT_COMMAND_ADD;

    memset(out, 0, ECGRT_MATCH_RECORD_SIZE);
    out[0] = kind_byte(cmd->kind);
    out[1] = add && cmd->order.side == ECGRT_SIDE_SELL;
    out[2] = add ? (unsigned char)cmd->order.type : 0;
    put_u32(out + 4, add ? cmd->order.owner : 0);
    put_u32(out + 8, add ? cmd->order.instrument : 0);
    put_u64(out + 16, add ? cmd->order.id : cmd->id);
    put_u64(out + 24, (uint64_t)(add ? cmd->order.price : cmd->price));
    put_u64(out + 32, add ? cmd->order.qty : cmd->qty);
}

static int decode_add(struct ecgrt_match_command *out, const unsigned char *in)
{
    if (in[1] > 1 || in[2] > ECGRT_ORDER_POST)
        return ECGRT_EINVAL;
    out->kind = ECGRT_COMMAND_ADD;
    out->order.side = in[1] ? ECGRT_SIDE_SELL : ECGRT_SIDE_BUY;
    out->order.type = (enum ecgrt_order_type)in[2];
    out->order.owner = get_u32(in + 4);
    out->order.instrument = get_u32(in + 8);
    out->order.id = get_u64(in + 16);
    out->order.price = (int64_t)get_u64(in + 24);
    out->order.qty = get_u64(in + 32);
    return ECGRT_OK;
}

int ecgrt_match_decode(struct ecgrt_match_command *out,
                       const unsigned char in[ECGRT_MATCH_RECORD_SIZE])
{
    struct ecgrt_match_command cmd;

    memset(&cmd, 0, sizeof cmd);
    if (in[0] == 'A' && decode_add(&cmd, in) != ECGRT_OK)
        return ECGRT_EINVAL;
    if (in[0] == 'C' || in[0] == 'M') {
        cmd.kind = in[0] == 'C' ? ECGRT_COMMAND_CANCEL : ECGRT_COMMAND_MODIFY;
        cmd.id = get_u64(in + 16);
        cmd.price = in[0] == 'M' ? (int64_t)get_u64(in + 24) : 0;
        cmd.qty = in[0] == 'M' ? get_u64(in + 32) : 0;
    } else if (in[0] != 'A') {
        return ECGRT_EINVAL;
    }
    *out = cmd;
    return ECGRT_OK;
}
