#ifndef HARNESS_CHIREDIS_SHIM_H
#define HARNESS_CHIREDIS_SHIM_H

#include <hiredis/hiredis.h>

/* Accessors so Swift never reads hiredis struct fields directly. */

/* redisReply->type: one of REDIS_REPLY_STRING, _ARRAY, _INTEGER, _NIL, _STATUS, _ERROR. */
static inline int chiredis_reply_type(const redisReply *reply) { return reply->type; }

/* redisReply->integer, meaningful for REDIS_REPLY_INTEGER. */
static inline long long chiredis_reply_integer(const redisReply *reply) { return reply->integer; }

/* redisReply->str, meaningful for REDIS_REPLY_STRING, _STATUS and _ERROR; not NUL-safe, use the length. */
static inline const char *chiredis_reply_str(const redisReply *reply) { return reply->str; }

/* redisReply->len, the byte length of chiredis_reply_str. */
static inline size_t chiredis_reply_len(const redisReply *reply) { return reply->len; }

/* redisReply->elements, meaningful for REDIS_REPLY_ARRAY. */
static inline size_t chiredis_reply_element_count(const redisReply *reply) { return reply->elements; }

/* redisReply->element[index]; index must be below chiredis_reply_element_count. */
static inline const redisReply *chiredis_reply_element(const redisReply *reply, size_t index) {
    return reply->element[index];
}

/* redisContext->err: 0, or REDIS_ERR_IO, _EOF, _PROTOCOL, _OOM, _OTHER. */
static inline int chiredis_context_err(const redisContext *context) { return context->err; }

/* redisContext->errstr, a NUL-terminated description of the last error. */
static inline const char *chiredis_context_errstr(const redisContext *context) { return context->errstr; }

/* redisGetReply with a typed reply pointer; *reply is NULL when it returns REDIS_ERR. */
static inline int chiredis_get_reply(redisContext *context, redisReply **reply) {
    void *untyped = NULL;
    int status = redisGetReply(context, &untyped);
    *reply = (redisReply *)untyped;
    return status;
}

#endif
