// ecg-options: {"threshold": 2}
/* Each PARAM(...) names one parameter: as written they are 3. */
#define PARAM(type, name) type name

int mix(PARAM(int, a), PARAM(int, b), PARAM(int, c)) // expect: complexity-parameters {{has 3 parameters (threshold 2)}}
{
    return a + b + c;
}
