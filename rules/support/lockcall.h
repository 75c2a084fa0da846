/* Lock and unlock calls recognised by the words of the callee's name, for the lock-free rules
 * that stay silent on accesses serialised by a lock. */
#ifndef ECG_RULES_SUPPORT_LOCKCALL_H
#define ECG_RULES_SUPPORT_LOCKCALL_H

/* 1 when a '_'-separated word of name is 'lock', 'wrlock' or 'trylock' (pthread_mutex_lock,
 * ck_spinlock_fas_lock), -1 for 'unlock' (mtx_unlock); the last such word decides. 0 for
 * anything else, and for read locks (a word 'read' or 'rdlock'), which do not exclude other
 * readers. */
int rule_lockcall_kind(const char *name);

#endif
