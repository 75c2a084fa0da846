/* Adding items to cJSON containers for sarif/; see json.h. */
#include "sarif/json.h"

#include <cjson/cJSON.h>

#include "analyzer/error.h"

cJSON *sarif_json_adopt(int *rc, cJSON *parent, const char *key, cJSON *item)
{
    cJSON_bool ok = 0;

    if (parent != NULL && item != NULL && key != NULL)
        ok = cJSON_AddItemToObjectCS(parent, key, item);
    else if (parent != NULL && item != NULL)
        ok = cJSON_AddItemToArray(parent, item);
    if (!ok) {
        cJSON_Delete(item);
        *rc = ECG_ENOMEM;
        return NULL;
    }
    return item;
}
